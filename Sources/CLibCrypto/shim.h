// OpenSSL's libcrypto: the SHA-256 of the files metadata.json lists and propice serve checks.
#include <openssl/evp.h>
