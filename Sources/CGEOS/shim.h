// Only GEOS's reentrant C API: every call takes a context handle, none uses global state.
#define GEOS_USE_ONLY_R_API
#include <geos_c.h>
