#include "../../../zint/backend/eci.c"
