#ifndef THREADKEEPER_CLIBXML2_SHIM_H
#define THREADKEEPER_CLIBXML2_SHIM_H

// libxml2's headers pull in ICU (unicode/ucnv.h) when it was built with ICU;
// Foundation on Linux ships its own ICU and a file that sees both fails with
// "'UErrorCode' has different definitions in different modules". We never
// touch libxml2's ICU fields, so hide them.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>
#include <libxml/encoding.h>

/// `xmlFree` is a global function pointer variable, which Swift 6 rejects as
/// shared mutable state; call it through this wrapper.
static inline void tk_xmlFree(void *pointer) {
    xmlFree(pointer);
}

#endif
