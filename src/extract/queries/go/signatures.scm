; Functions, methods and the method specs of interfaces.
; Main captures name the rule; captures of parts start with "_".
(function_declaration name: (identifier) @_name) @function
(method_declaration name: (field_identifier) @_name) @method
(method_elem name: (field_identifier) @_name) @interface_method
