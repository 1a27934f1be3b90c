; Declared names, for naming conventions. Code decides the naming target of variables
; (constant, function, type) from the declaration's place and value.

(function_declaration name: (identifier) @_name) @function
(generator_function_declaration name: (identifier) @_name) @function
(method_definition name: [(property_identifier) (private_property_identifier)] @_name) @method
(field_definition
  property: [(property_identifier) (private_property_identifier)] @_name
  value: [(arrow_function) (function_expression)]) @method
(class_declaration name: (identifier) @_name) @class
(variable_declarator name: (identifier) @_name) @variable
(formal_parameters (identifier) @_name) @parameter
(formal_parameters (assignment_pattern left: (identifier) @_name)) @parameter
(formal_parameters (rest_pattern (identifier) @_name)) @parameter
(arrow_function parameter: (identifier) @_name) @parameter
