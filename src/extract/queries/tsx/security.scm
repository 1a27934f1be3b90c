; JSX-only sinks (the rest of the pack is in typescript/security.scm).

(jsx_attribute
  (property_identifier) @_attribute
  (#eq? @_attribute "dangerouslySetInnerHTML")) @dangerously_set_inner_html
