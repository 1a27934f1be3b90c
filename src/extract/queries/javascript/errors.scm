; Error-handling habits: awaits (inside try/catch or not), error class hierarchies, throws.

(await_expression) @await

(class_declaration
  name: (identifier) @_name
  (class_heritage (_) @_base)) @error_class

(throw_statement
  (new_expression constructor: (_) @_constructor)) @throw_new
