#include "../../../zint/backend/gs1_lint.h"
