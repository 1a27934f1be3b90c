; Named types that have a JSON shape.
(type_spec
  name: (type_identifier) @_name
  type: (struct_type)) @struct
(type_spec
  name: (type_identifier) @_name
  type: [(type_identifier) (qualified_type) (slice_type) (array_type) (map_type) (pointer_type) (generic_type)]) @named_type
(type_alias name: (type_identifier) @_name) @alias

; `const ( Active Status = "active" ... )`: the values of a string-typed enum.
(const_spec
  name: (identifier) @_name
  type: (type_identifier) @_type
  value: (expression_list . [(interpreted_string_literal) (raw_string_literal)] @_value .)) @enum_value
