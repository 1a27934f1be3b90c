; Free functions, methods and associated functions in impls, and trait methods.
; Main captures name the rule; captures of parts start with "_".
(source_file (function_item) @function)
(mod_item body: (declaration_list (function_item) @function))
(block (function_item) @function)
(impl_item body: (declaration_list (function_item) @method))
(trait_item body: (declaration_list [(function_item) (function_signature_item)] @trait_method))
