#include "../../../zint/backend/output.h"
