; `if err != nil { ... }`, also with an initializer (`if err := f(); err != nil`).
(if_statement
  condition: (binary_expression
    left: (identifier) @_left
    operator: "!="
    right: (nil))
  (#match? @_left "^(err|[a-zA-Z]+Err)$")) @err_check

; A call whose last result goes to `_`: Go returns the error last, so this discards it.
(assignment_statement
  left: (expression_list (identifier) @_last .)
  right: (expression_list . (call_expression) .)
  (#eq? @_last "_")) @discarded_error
(short_var_declaration
  left: (expression_list (identifier) @_last .)
  right: (expression_list . (call_expression) .)
  (#eq? @_last "_")) @discarded_error

; fmt.Errorf("...", ...): wrapping when the format has %w.
(call_expression
  function: (selector_expression
    operand: (identifier) @_package
    field: (field_identifier) @_function)
  arguments: (argument_list . [(interpreted_string_literal) (raw_string_literal)] @_format)
  (#eq? @_package "fmt")
  (#eq? @_function "Errorf")) @errorf
