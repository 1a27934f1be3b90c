; Sinks from src/extract/security-catalog.ts. The capture without "_" names the pattern;
; code checks what a query cannot (SQL text, secret-looking values, child_process bindings).

(call_expression
  function: (identifier) @_function
  (#eq? @_function "eval")) @eval

(new_expression
  constructor: (identifier) @_constructor
  (#eq? @_constructor "Function")) @new_function

(import_statement
  source: (string (string_fragment) @_module)
  (#any-of? @_module "child_process" "node:child_process")) @child_process_import

(call_expression
  function: (identifier) @_function
  arguments: (arguments . (string (string_fragment) @_module))
  (#eq? @_function "require")
  (#any-of? @_module "child_process" "node:child_process")) @child_process_require

(call_expression
  function: [
    (identifier) @_function
    (member_expression property: (property_identifier) @_function)
  ]
  (#any-of? @_function "exec" "execSync" "execFile" "execFileSync" "spawn" "spawnSync" "fork")) @child_process_call

(assignment_expression
  left: (member_expression property: (property_identifier) @_property)
  (#any-of? @_property "innerHTML" "outerHTML")) @inner_html

(augmented_assignment_expression
  left: (member_expression property: (property_identifier) @_property)
  (#any-of? @_property "innerHTML" "outerHTML")) @inner_html

(call_expression
  function: (member_expression
    object: (identifier) @_object
    property: (property_identifier) @_property)
  (#eq? @_object "document")
  (#any-of? @_property "write" "writeln")) @document_write

(template_string (template_substitution)) @sql_template

(binary_expression
  left: (string) @_text
  operator: "+") @sql_concat

(variable_declarator
  name: (identifier) @_name
  value: [(string) (template_string)] @_value) @secret_variable

(pair
  key: [(property_identifier) (string)] @_name
  value: [(string) (template_string)] @_value) @secret_property

(assignment_expression
  left: [
    (identifier) @_name
    (member_expression property: (property_identifier) @_name)
  ]
  right: [(string) (template_string)] @_value) @secret_assignment
