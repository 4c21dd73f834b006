#include "../../../zint/backend/large.c"
