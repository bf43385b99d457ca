// zlib: deflate for the gzip responses of propice serve and the PNG print maps, and CRC-32.
#include <zlib.h>
