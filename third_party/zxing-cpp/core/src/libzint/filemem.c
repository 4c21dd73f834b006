#include "../../../zint/backend/filemem.c"
