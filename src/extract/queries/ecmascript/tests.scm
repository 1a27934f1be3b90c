; Test cases and the assertion and mocking calls that tell the framework and style apart.

(call_expression
  function: (identifier) @_function
  arguments: (arguments . [(string) (template_string)] @_name)
  (#any-of? @_function "it" "test")) @test_case

(call_expression
  function: (member_expression
    object: (identifier) @_function
    property: (property_identifier) @_modifier)
  arguments: (arguments . [(string) (template_string)] @_name)
  (#any-of? @_function "it" "test")
  (#any-of? @_modifier "only" "skip" "todo" "concurrent" "fails")) @test_case

(call_expression
  function: (call_expression
    function: (member_expression
      object: (identifier) @_function
      property: (property_identifier) @_modifier))
  arguments: (arguments . [(string) (template_string)] @_name)
  (#any-of? @_function "it" "test")
  (#eq? @_modifier "each")) @test_case

(call_expression
  function: (identifier) @_function
  (#eq? @_function "expect")) @expect

(call_expression
  function: (identifier) @_function
  (#eq? @_function "assert")) @assert

(call_expression
  function: (member_expression object: (identifier) @_object)
  (#eq? @_object "assert")) @assert

(member_expression
  property: (property_identifier) @_property
  (#eq? @_property "should")) @should

(call_expression
  function: (member_expression object: (identifier) @_object)
  (#any-of? @_object "jest" "vi")) @mock_call
