; Methods (also abstract and interface ones) and constructors.
; Main captures name the rule; captures of parts start with "_".
(method_declaration name: (identifier) @_name) @method
(constructor_declaration name: (identifier) @_name) @constructor
