; Every declared name, one match per name.
(function_declaration name: (identifier) @_name) @function
(method_declaration name: (field_identifier) @_name) @method
(type_spec name: (type_identifier) @_name) @type
(type_alias name: (type_identifier) @_name) @type_alias
(const_spec name: (identifier) @_name) @constant
(var_spec name: (identifier) @_name) @variable
(short_var_declaration left: (expression_list (identifier) @_name)) @short_variable
(parameter_declaration name: (identifier) @_name) @parameter
(variadic_parameter_declaration name: (identifier) @_name) @variadic_parameter
