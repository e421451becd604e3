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
 * pointers of their types (DYN_MEMBER), and has dyn_load() fill it:
 *
 *	#define XML_FNS(X) X(htmlReadMemory) X(xmlFreeDoc)
 *	static struct xml_fns { XML_FNS(DYN_MEMBER) } xml;
 *	#define ENTRY(f) DYN_ENTRY(struct xml_fns, f)
 *	static const struct dyn_fn fns[] = { XML_FNS(ENTRY) };
 *	static int state;
 *	if (dyn_load(&xml, &state, "libxml2", XML_SONAME, fns, 2) < 0) ...
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
#define DYN_ENTRY(type, f)	{ #f, offsetof(type, f) },

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
