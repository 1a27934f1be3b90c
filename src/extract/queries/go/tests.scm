; func TestX(t *testing.T)
(function_declaration
  name: (identifier) @_name
  parameters: (parameter_list
    .
    (parameter_declaration
      type: (pointer_type
        (qualified_type
          package: (package_identifier) @_package
          name: (type_identifier) @_type)))
    .)
  (#match? @_name "^Test")
  (#eq? @_package "testing")
  (#eq? @_type "T")) @test_function

; assert.Equal(t, ...) / require.NoError(t, ...) from testify.
(call_expression
  function: (selector_expression operand: (identifier) @_object)
  (#any-of? @_object "assert" "require")) @testify_assertion

; t.Errorf / t.Fatalf and friends.
(call_expression
  function: (selector_expression
    operand: (identifier) @_object
    field: (field_identifier) @_method)
  (#any-of? @_object "t" "tb")
  (#any-of? @_method "Error" "Errorf" "Fatal" "Fatalf" "Fail" "FailNow")) @testing_assertion
