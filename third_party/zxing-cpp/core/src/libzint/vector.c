#include "../../../zint/backend/vector.c"
