; Functions, methods and constructors. The capture without "_" names the pattern
; (provenance rule "typescript/signatures.scm#<capture>"); captures starting with "_" are its parts.

(function_declaration
  name: (identifier) @_name
  body: (statement_block) @_body) @function

(generator_function_declaration
  name: (identifier) @_name
  body: (statement_block) @_body) @function

(function_signature
  name: (identifier) @_name) @overload

(method_definition
  name: (_) @_name
  body: (statement_block) @_body
  (#not-eq? @_name "constructor")) @method

(method_definition
  name: (property_identifier) @_name
  body: (statement_block) @_body
  (#eq? @_name "constructor")) @constructor

(abstract_method_signature
  name: (_) @_name) @abstract_method

(variable_declarator
  name: (identifier) @_name
  value: [(arrow_function) (function_expression)] @_value) @arrow

(public_field_definition
  name: (_) @_name
  value: [(arrow_function) (function_expression)] @_value) @field_arrow

(assignment_expression
  left: (member_expression
    object: (_) @_object
    property: (property_identifier) @_name)
  right: [(arrow_function) (function_expression)] @_value
  (#any-of? @_object "exports" "module.exports")) @exported_function
