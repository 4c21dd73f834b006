//! Password hashing, bounded: argon2id (the crate's default parameters, 19 MiB each) whose working
//! memory comes from a fixed pool of buffers, one per hash allowed to run at once (by default one
//! per core). The memory is allocated once and reused, so any number of logins and account
//! creations use at most `workers` buffers; a request that finds every buffer busy waits a short
//! while in a bounded queue, then is answered 503 with Retry-After.

use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use argon2::password_hash::{Output, PasswordHash, SaltString};
use argon2::{Argon2, Block, Params};
use uuid::Uuid;

use crate::error::Failure;

/// How many hashes run at once and how long others wait.
#[derive(Debug, Clone, Copy)]
pub struct HashPolicy {
    /// Hashes running at once (each holds one 19 MiB buffer).
    pub workers: usize,
    /// Requests waiting for a buffer, beyond which the answer is 503 at once.
    pub queue: usize,
    /// The longest a request waits for a buffer before it is answered 503.
    pub wait: Duration,
}

impl Default for HashPolicy {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Self { workers: cores.clamp(1, 8), queue: 16 * cores.clamp(1, 8), wait: Duration::from_secs(2) }
    }
}

/// An argon2id hash of no password, verified against when an account does not exist, so the
/// answer takes as long as for an account that does.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$tOwHU7bGkBMAqg4fS6Wa3dZt5VvAf0UmGGaHM/wFI3g";

struct Pool {
    /// Buffers not in use (empty until first used).
    free: Vec<Vec<Block>>,
    waiting: usize,
}

/// The password hasher and its memory pool.
pub struct Passwords {
    policy: HashPolicy,
    params: Params,
    pool: Mutex<Pool>,
    returned: Condvar,
}

fn busy() -> Failure {
    Failure { retry_after: Some(1), ..Failure::new(503, "busy", "the server is busy checking passwords: try again in a second") }
}

/// A buffer on loan; goes back to the pool when dropped.
struct Loan<'a> {
    owner: &'a Passwords,
    blocks: Vec<Block>,
}

impl Drop for Loan<'_> {
    fn drop(&mut self) {
        let blocks = std::mem::take(&mut self.blocks);
        self.owner.pool.lock().unwrap_or_else(|p| p.into_inner()).free.push(blocks);
        self.owner.returned.notify_one();
    }
}

impl Passwords {
    pub fn new(policy: HashPolicy) -> Self {
        let policy = HashPolicy { workers: policy.workers.max(1), ..policy };
        let free = (0..policy.workers).map(|_| Vec::new()).collect();
        Self { policy, params: Params::default(), pool: Mutex::new(Pool { free, waiting: 0 }), returned: Condvar::new() }
    }

    /// Takes a buffer, waiting at most the policy's wait; 503 when none frees up in time or the
    /// queue is full.
    fn borrow(&self) -> Result<Loan<'_>, Failure> {
        let deadline = Instant::now() + self.policy.wait;
        let mut pool = self.pool.lock().unwrap_or_else(|p| p.into_inner());
        if pool.free.is_empty() {
            if pool.waiting >= self.policy.queue {
                log::warn!("password hashing refused: {} requests already waiting", pool.waiting);
                return Err(busy());
            }
            pool.waiting += 1;
            while pool.free.is_empty() {
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    break;
                }
                pool = self.returned.wait_timeout(pool, left).unwrap_or_else(|p| p.into_inner()).0;
            }
            pool.waiting -= 1;
        }
        let mut blocks = pool.free.pop().ok_or_else(|| {
            log::warn!("password hashing refused: no buffer free within {:?}", self.policy.wait);
            busy()
        })?;
        drop(pool);
        let need = self.params.block_count();
        if blocks.len() < need {
            blocks.resize(need, Block::default());
        }
        Ok(Loan { owner: self, blocks })
    }

    /// The PHC string of a new hash of `password` with a random salt.
    pub fn hash(&self, password: &str) -> Result<String, Failure> {
        let fail = |e: argon2::password_hash::Error| Failure::internal(format!("password hashing failed: {e}"));
        // 16 bytes from the system's random source (uuid v4 reads getrandom).
        let salt = SaltString::encode_b64(Uuid::new_v4().as_bytes()).map_err(fail)?;
        let argon = Argon2::from(self.params.clone());
        let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
        let mut salt_bytes = [0u8; 64];
        let raw_salt = salt.decode_b64(&mut salt_bytes).map_err(fail)?;
        {
            let mut loan = self.borrow()?;
            argon
                .hash_password_into_with_memory(password.as_bytes(), raw_salt, &mut out, &mut loan.blocks[..])
                .map_err(|e| Failure::internal(format!("password hashing failed: {e}")))?;
        }
        let phc = PasswordHash {
            algorithm: argon2::Algorithm::default().ident(),
            version: Some(argon2::Version::default().into()),
            params: (&self.params).try_into().map_err(fail)?,
            salt: Some(salt.as_salt()),
            hash: Some(Output::new(&out).map_err(fail)?),
        };
        Ok(phc.to_string())
    }

    /// Whether `password` matches the stored PHC string (`None`: an account that does not exist,
    /// checked against a dummy hash for the same work).
    pub fn verify(&self, password: &str, stored: Option<&str>) -> Result<bool, Failure> {
        let real = stored.is_some();
        let Ok(phc) = PasswordHash::new(stored.unwrap_or(DUMMY_HASH)) else {
            log::error!("a stored password hash is unreadable");
            return Ok(false);
        };
        let (Some(salt), Some(expected)) = (phc.salt, phc.hash) else { return Ok(false) };
        let Ok(params) = Params::try_from(&phc) else { return Ok(false) };
        if params.block_count() > self.params.block_count() {
            log::error!("a stored password hash needs more memory than the server's pool gives");
            return Ok(false);
        }
        let (Ok(algorithm), Some(Ok(version))) = (argon2::Algorithm::try_from(phc.algorithm), phc.version.map(argon2::Version::try_from)) else {
            return Ok(false);
        };
        let argon = Argon2::new(algorithm, version, params);
        let mut salt_bytes = [0u8; 64];
        let Ok(raw_salt) = salt.decode_b64(&mut salt_bytes) else { return Ok(false) };
        let mut out = vec![0u8; expected.len()];
        let computed = {
            let mut loan = self.borrow()?;
            argon.hash_password_into_with_memory(password.as_bytes(), raw_salt, &mut out, &mut loan.blocks[..])
        };
        // `Output` compares in constant time.
        Ok(real && computed.is_ok() && Output::new(&out).is_ok_and(|o| o == expected))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_are_standard_phc_strings() {
        let p = Passwords::new(HashPolicy { workers: 1, ..HashPolicy::default() });
        let h = p.hash("correct horse").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(p.verify("correct horse", Some(&h)).unwrap());
        assert!(!p.verify("wrong horse", Some(&h)).unwrap());
        assert!(!p.verify("correct horse", None).unwrap());
        // The dummy hash is a real one, so checking it costs what a real check costs.
        let dummy = PasswordHash::new(DUMMY_HASH).unwrap();
        assert_eq!(Params::try_from(&dummy).unwrap().block_count(), Params::default().block_count());
        assert_eq!(dummy.hash.unwrap().len(), Params::DEFAULT_OUTPUT_LEN);
        // The argon2 crate's own verifier agrees.
        use argon2::password_hash::PasswordVerifier;
        assert!(Argon2::default().verify_password(b"correct horse", &PasswordHash::new(&h).unwrap()).is_ok());
        let theirs = argon2::password_hash::PasswordHasher::hash_password(&Argon2::default(), b"pw123456", &SaltString::encode_b64(b"0123456789abcdef").unwrap()).unwrap().to_string();
        assert!(p.verify("pw123456", Some(&theirs)).unwrap());
    }

    #[test]
    fn no_buffer_free_within_the_wait_is_503_with_retry_after() {
        let p = Passwords::new(HashPolicy { workers: 1, queue: 4, wait: Duration::from_millis(10) });
        let held = p.borrow().unwrap();
        let refused = p.hash("correct horse").unwrap_err();
        assert_eq!((refused.status, refused.code, refused.retry_after), (503, "busy", Some(1)));
        drop(held);
        assert!(p.hash("correct horse").is_ok());
        // A full queue is refused at once.
        let p = Passwords::new(HashPolicy { workers: 1, queue: 0, wait: Duration::from_secs(60) });
        let _held = p.borrow().unwrap();
        assert_eq!(p.verify("x", None).unwrap_err().status, 503);
    }
}
