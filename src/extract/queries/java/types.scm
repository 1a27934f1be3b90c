(record_declaration name: (identifier) @_name) @record
(class_declaration name: (identifier) @_name) @class
(enum_declaration name: (identifier) @_name) @enum
