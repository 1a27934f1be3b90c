; JSX a function returns: a return statement or an arrow body that is a JSX element.
; Code finds the function it belongs to and decides whether that function is a component.

(return_statement
  [
    (jsx_element)
    (jsx_self_closing_element)
    (parenthesized_expression [(jsx_element) (jsx_self_closing_element)])
  ]) @jsx_return

(arrow_function
  body: [
    (jsx_element)
    (jsx_self_closing_element)
    (parenthesized_expression [(jsx_element) (jsx_self_closing_element)])
  ]) @jsx_arrow
