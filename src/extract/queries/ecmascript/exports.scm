; Names a module exports by ways other than an `export` keyword on the declaration itself.

(export_statement
  (export_clause (export_specifier name: (identifier) @_name))
  !source) @export_clause

(export_statement
  value: (identifier) @_name) @export_default

(assignment_expression
  left: (member_expression) @_target
  right: (object) @_object
  (#eq? @_target "module.exports")) @module_exports_object

(assignment_expression
  left: (member_expression) @_target
  right: (identifier) @_name
  (#eq? @_target "module.exports")) @module_exports_identifier

(assignment_expression
  left: (member_expression
    object: (_) @_target
    property: (property_identifier) @_name)
  (#any-of? @_target "exports" "module.exports")) @exports_property
