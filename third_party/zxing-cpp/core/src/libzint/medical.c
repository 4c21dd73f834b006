#include "../../../zint/backend/medical.c"
