// libxml2's SAX parser, for the XML parts of Excel workbooks. Debian builds libxml2 with ICU,
// whose headers clash with the copy of ICU inside Foundation; propice uses none of the
// ICU-dependent declarations (encoding handlers), so they are left out.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
