#include "../../../zint/backend/dmatrix.c"
