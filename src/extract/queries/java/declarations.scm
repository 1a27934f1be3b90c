; Every declared name, one match per name.
(class_declaration name: (identifier) @_name) @class
(interface_declaration name: (identifier) @_name) @interface
(enum_declaration name: (identifier) @_name) @enum
(record_declaration name: (identifier) @_name) @record
(annotation_type_declaration name: (identifier) @_name) @annotation_type
(method_declaration name: (identifier) @_name) @method
(field_declaration declarator: (variable_declarator name: (identifier) @_name)) @field
(constant_declaration declarator: (variable_declarator name: (identifier) @_name)) @interface_constant
(enum_constant name: (identifier) @_name) @enum_constant
(local_variable_declaration declarator: (variable_declarator name: (identifier) @_name)) @local_variable
(formal_parameter name: (identifier) @_name) @parameter
(spread_parameter (variable_declarator name: (identifier) @_name)) @spread_parameter
(catch_formal_parameter name: (identifier) @_name) @catch_parameter
