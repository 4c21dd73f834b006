#include "../../../zint/backend/reedsol.h"
