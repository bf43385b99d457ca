// libFuzzer's driver, for an executable whose own `main` starts it (SwiftPM names the
// entry point of an executable target itself, so libFuzzer's `main` cannot be used).
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
