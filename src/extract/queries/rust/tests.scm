; #[test] and #[tokio::test]-style attributes: the code finds the function they are on.
(attribute_item
  (attribute [(identifier) @_name (scoped_identifier name: (identifier) @_name)])
  (#eq? @_name "test")) @test_attribute

(macro_invocation macro: (identifier) @_macro (#any-of? @_macro "assert_eq" "assert_ne")) @assert_eq
(macro_invocation macro: (identifier) @_macro (#any-of? @_macro "assert" "assert_matches")) @assert
