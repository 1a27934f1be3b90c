(struct_item name: (type_identifier) @_name) @struct
(enum_item name: (type_identifier) @_name) @enum
(type_item name: (type_identifier) @_name) @alias
