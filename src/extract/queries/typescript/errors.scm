; Error-handling habits: awaits (inside try/catch or not), error class hierarchies, throws.

(await_expression) @await

(class_declaration
  name: (type_identifier) @_name
  (class_heritage (extends_clause value: (_) @_base))) @error_class

(abstract_class_declaration
  name: (type_identifier) @_name
  (class_heritage (extends_clause value: (_) @_base))) @error_class

(throw_statement
  (new_expression constructor: (_) @_constructor)) @throw_new
