; Named type shapes: interfaces, type aliases, enums, classes, and zod schema constants
; (calls whose chain starts at zod are told apart in code).

(interface_declaration
  name: (type_identifier) @_name
  body: (interface_body) @_body) @interface

(type_alias_declaration
  name: (type_identifier) @_name
  value: (_) @_value) @type_alias

(enum_declaration
  name: (identifier) @_name
  body: (enum_body) @_body) @enum

(class_declaration
  name: (type_identifier) @_name
  body: (class_body) @_body) @class

(abstract_class_declaration
  name: (type_identifier) @_name
  body: (class_body) @_body) @class

(variable_declarator
  name: (identifier) @_name
  value: (call_expression) @_value) @zod
