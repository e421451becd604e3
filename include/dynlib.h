#ifndef RECTRACK_DYNLIB_H
#define RECTRACK_DYNLIB_H

#include <stddef.h>

/*
 * The libraries that one command alone needs, opened when it first needs
 * them: libxml2 (draft of an HTML page, which brings ICU and libstdc++)
 * and libxlsxwriter (report --format xlsx, which brings minizip and
 * OpenSSL's libcrypto). Linked, they made every start of rectrack about
 * 8 ms slower, whatever the command (docs/performance.md). Each is opened
 * by the SONAME the build found (the Makefile's XML_SONAME and
 * XLSX_SONAME), so its functions are those of the headers compiled
 * against.
 *
 * A module lists the functions it calls, X(name), keeps a struct of
 * pointers of their types (DYN_MEMBER), and has DYN_OPENER define the
 * function that fills it (as BSD's tree.h has RB_GENERATE):
 *
 *	#define XML_FNS(X) X(htmlReadMemory) X(xmlFreeDoc)
 *	static struct { XML_FNS(DYN_MEMBER) } xml;
 *	DYN_OPENER(xml_open, xml, XML_FNS, "libxml2", XML_SONAME)
 *	...
 *	if (xml_open() < 0)
 *		return -1;
 *	doc = xml.htmlReadMemory(...);
 */

/* a pointer to function f, of f's own type (__typeof__: GCC and clang,
 * in any -std mode) */
#define DYN_MEMBER(f)	__typeof__(f) *f;

/* the name of each function, and where its pointer goes in the struct */
struct dyn_fn {
	const char *name;
	size_t offset;
};

/*
 * static int name(void): open library soname (what: its name for a
 * person) the first time, with LIST's functions into the struct var; 0,
 * or -1 after reporting (dyn_load()).
 */
#define DYN_OPENER(name, var, LIST, what, soname) \
static int \
name(void) \
{ \
	typedef __typeof__(var) dyn_fns; \
	static const struct dyn_fn fns[] = { LIST(DYN_ENTRY) }; \
	static int state; \
\
	return dyn_load(&var, &state, what, soname, fns, \
	    sizeof fns / sizeof fns[0]); \
}
#define DYN_ENTRY(f)	{ #f, offsetof(dyn_fns, f) },

/*
 * Open library soname (what: its name for a person) the first time, and
 * fill the struct at fns with its functions fn[0..n-1]; *state (a static
 * of the caller's, 0 at first) remembers the outcome. 0; -1 when it
 * cannot be loaded, every time, after reporting the first time what
 * cannot be loaded and how to install it.
 */
int dyn_load(void *fns, int *state, const char *what, const char *soname,
    const struct dyn_fn *fn, size_t n);

#endif
