; Class fields with secret-looking literals (the shared sinks are in ecmascript/security.scm).

(public_field_definition
  name: (property_identifier) @_name
  value: [(string) (template_string)] @_value) @secret_field
