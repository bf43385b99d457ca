// zlib, for gzip-encoding the responses of propice serve.
#include <zlib.h>
