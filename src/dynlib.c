#include "dynlib.h"

#include <dlfcn.h>
#include <string.h>

#include "diag.h"

_Static_assert(sizeof(void (*)(void)) == sizeof(void *),
    "a function's address fits where dlsym() puts it");

int
dyn_load(void *fns, int *state, const char *what, const char *soname,
    const struct dyn_fn *fn, size_t n)
{
	void *h, *p;
	size_t i;

	if (*state != 0)
		goto done;
	*state = -1;
	/* never closed: the functions are used until the process ends */
	if ((h = dlopen(soname, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		error("%s cannot be loaded (%s): install it (Debian: "
		    "scripts/deps.sh installs every library rectrack uses)",
		    what, dlerror());
		goto done;
	}
	for (i = 0; i < n; i++) {
		if ((p = dlsym(h, fn[i].name)) == NULL) {
			error("%s (%s) has no function %s: rectrack was built "
			    "against another version; build it again", what,
			    soname, fn[i].name);
			goto done;
		}
		/* POSIX: a function's address as dlsym() gives it */
		memcpy((char *)fns + fn[i].offset, &p, sizeof p);
	}
	*state = 1;
done:
	return *state > 0 ? 0 : -1;
}
