#include "../../../zint/backend/svg.c"
