// libxml2's streaming reader and writer. Debian builds libxml2 with ICU, and its encoding.h
// then includes the system ICU headers, which clash with the ICU copy inside Swift's
// Foundation. etl never touches encoding handlers (their struct is the only thing the flag
// changes), so the ICU part of the headers is left out.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>
