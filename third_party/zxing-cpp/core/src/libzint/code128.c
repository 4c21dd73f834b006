#include "../../../zint/backend/code128.c"
