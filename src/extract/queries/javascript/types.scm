; Named shapes in plain JavaScript: classes, and zod schema constants (told apart in code).

(class_declaration
  name: (identifier) @_name
  body: (class_body) @_body) @class

(variable_declarator
  name: (identifier) @_name
  value: (call_expression) @_value) @zod
