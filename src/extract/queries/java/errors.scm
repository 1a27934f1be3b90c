; class XException extends Exception / RuntimeException / another exception type.
(class_declaration
  name: (identifier) @_name
  superclass: (superclass (_) @_super)
  (#match? @_super "(Exception|Error|Throwable)(<.*>)?$")) @custom_exception

; throw new X(...)
(throw_statement (object_creation_expression type: (_) @_type)) @throw_new

; void save(...) throws IOException
(method_declaration (throws)) @throws_clause
(constructor_declaration (throws)) @throws_clause
