(await) @await

; Classes with bases: which of them are exception classes is decided over the whole file.
(class_definition
  name: (identifier) @error_class.name
  superclasses: (argument_list)) @error_class

; raise X(...) / raise X / raise module.X(...); a bare `raise` has no child and never matches.
(raise_statement . (call function: [(identifier) (attribute)] @raise.type)) @raise
(raise_statement . [(identifier) (attribute)] @raise.type) @raise
