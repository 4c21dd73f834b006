#include "../../../zint/backend/general_field.c"
