; Every declared name, one match per name.
(function_item name: (identifier) @_name) @function
(function_signature_item name: (identifier) @_name) @function_signature
(struct_item name: (type_identifier) @_name) @struct
(enum_item name: (type_identifier) @_name) @enum
(trait_item name: (type_identifier) @_name) @trait
(type_item name: (type_identifier) @_name) @type_alias
(const_item name: (identifier) @_name) @constant
(static_item name: (identifier) @_name) @static
(let_declaration pattern: (identifier) @_name) @variable
(let_declaration pattern: (tuple_pattern (identifier) @_name)) @variable
(parameter pattern: (identifier) @_name) @parameter
(closure_parameters (identifier) @_name) @closure_parameter
