; Class fields with secret-looking literals (the shared sinks are in ecmascript/security.scm).

(field_definition
  property: (property_identifier) @_name
  value: [(string) (template_string)] @_value) @secret_field
