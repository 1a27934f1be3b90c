; Declared names, for naming conventions. Code decides the naming target of variables
; (constant, function, type) from the declaration's place and value.

(function_declaration name: (identifier) @_name) @function
(generator_function_declaration name: (identifier) @_name) @function
(function_signature name: (identifier) @_name) @function
(method_definition name: [(property_identifier) (private_property_identifier)] @_name) @method
(abstract_method_signature name: [(property_identifier) (private_property_identifier)] @_name) @method
(public_field_definition
  name: [(property_identifier) (private_property_identifier)] @_name
  value: [(arrow_function) (function_expression)]) @method
(class_declaration name: (type_identifier) @_name) @class
(abstract_class_declaration name: (type_identifier) @_name) @class
(interface_declaration name: (type_identifier) @_name) @type
(type_alias_declaration name: (type_identifier) @_name) @type
(enum_declaration name: (identifier) @_name) @type
(variable_declarator name: (identifier) @_name) @variable
(required_parameter pattern: (identifier) @_name) @parameter
(required_parameter pattern: (rest_pattern (identifier) @_name)) @parameter
(optional_parameter pattern: (identifier) @_name) @parameter
(arrow_function parameter: (identifier) @_name) @parameter
