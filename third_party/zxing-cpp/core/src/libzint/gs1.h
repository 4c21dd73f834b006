#include "../../../zint/backend/gs1.h"
