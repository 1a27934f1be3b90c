; JSX-only sinks, for TSX and JavaScript (the rest is in ecmascript/security.scm).

(jsx_attribute
  (property_identifier) @_attribute
  (#eq? @_attribute "dangerouslySetInnerHTML")) @dangerously_set_inner_html
