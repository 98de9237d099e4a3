using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using ServiceModel.Internal;
using ServiceModel.Networking;
using ServiceModel.Validation;

namespace ServiceModel.Allocation;

/// <summary>
/// Allocates ClusterIPs from every ready <see cref="ServiceCidrObject"/> the way the API server
/// does since Kubernetes 1.33 (KEP-1880, <c>pkg/registry/core/service/ipallocator</c>'s
/// <c>MetaAllocator</c> and the ServiceCIDR controllers): ranges may be added while the allocator
/// runs, may overlap, may be IPv6 ranges up to a /64, and a range being deleted stops taking new
/// addresses but stays, with condition <c>Ready=False</c> reason <c>Terminating</c>, until no
/// allocated address is covered by it alone.
/// </summary>
/// <remarks>
/// <para>
/// Upstream stores one IPAddress API object per address and scans linearly for a free one. This
/// allocator keeps the addresses of a range of up to 2^20 addresses (an IPv4 /12) in a bitmap of
/// that range, and every other address of a family in one sparse hash set (memory follows the
/// number of allocated addresses, not the size of the ranges); it finds a free address in O(1)
/// expected time at any fill (see docs/service-cidrs.md). <see cref="Snapshot"/> still gives the objects
/// upstream would list.
/// </para>
/// <para>
/// <see cref="AllocateNext"/> chooses like upstream: the ranges of the family in random order
/// (upstream iterates a Go map), and within a range the dynamic band above the static band first
/// (KEP-3070), then the static band. Within a band upstream takes the first free address at or
/// after a uniform random start; this allocator does the same once a band is half full and, below
/// that, takes a uniformly random free address (the same address upstream takes whenever the
/// random start is free, which is the common case there).
/// </para>
/// </remarks>
/// <threadsafety>
/// All members are thread-safe: every operation takes one internal lock (a spin lock that backs off
/// to sleeping) and is atomic. A failed
/// operation changes nothing. The injected <see cref="Random"/> is read once, by the constructor, to
/// seed the allocator's own generator; the allocator does not use it afterwards.
/// </threadsafety>
public sealed class ServiceCidrAllocator
{
    private const string ServiceCidrResource = "servicecidrs.networking.k8s.io";
    private const string ReadyMessage = "Kubernetes Service CIDR is ready";
    private const string TerminatingMessage = "There are still IPAddresses referencing the ServiceCIDR, please remove them or create a new ServiceCIDR";

    private SpinGate _gate;
    private readonly AddressRandom _random;
    private readonly TimeProvider _time;
    private readonly FamilyAddresses _ipv4;
    private readonly FamilyAddresses _ipv6;
    private readonly SortedDictionary<string, ServiceCidrObject> _objects = new(StringComparer.Ordinal);
    private readonly Dictionary<ServiceCidr, CidrRange> _ranges = [];

    // Objects being deleted, with the number of allocated addresses that only they cover.
    private readonly Dictionary<string, long> _blocking = new(StringComparer.Ordinal);

    /// <summary>Creates an allocator with no ServiceCIDR (every allocation fails until one is added).</summary>
    /// <param name="random">Seeds the random choices (one value is drawn from it here); a seeded instance makes runs reproducible. Default: a new unseeded <see cref="Random"/>.</param>
    /// <param name="timeProvider">The clock for condition and deletion timestamps. Default: <see cref="TimeProvider.System"/>.</param>
    public ServiceCidrAllocator(Random? random = null, TimeProvider? timeProvider = null)
        : this(random, timeProvider, DefaultStoreLimit)
    {
    }

    // storeLimit: ranges of at most this many addresses keep them in bitmaps (tests lower it to
    // mix both representations over small ranges).
    internal ServiceCidrAllocator(Random? random, TimeProvider? timeProvider, ulong storeLimit)
    {
        _random = new AddressRandom(random ?? new Random());
        _time = timeProvider ?? TimeProvider.System;
        _ipv4 = new FamilyAddresses(IPFamily.IPv4, storeLimit);
        _ipv6 = new FamilyAddresses(IPFamily.IPv6, storeLimit);
    }

    // A range of 2^20 addresses (an IPv4 /12, the classic allocator's largest) costs 128 KiB as a
    // bitmap, what a hash set pays for 8,000 addresses.
    internal const ulong DefaultStoreLimit = 1UL << 20;

    /// <summary>The ServiceCIDR objects, by name (ordinal), with the status the allocator maintains.</summary>
    public ImmutableArray<ServiceCidrObject> ServiceCidrs
    {
        get
        {
            _gate.Enter();
            try
            {
                return [.. _objects.Values];
            }
            finally
            {
                _gate.Exit();
            }
        }
    }

    /// <summary>How many addresses are allocated, both families.</summary>
    public long Used
    {
        get
        {
            _gate.Enter();
            try
            {
                return _ipv4.Count + _ipv6.Count;
            }
            finally
            {
                _gate.Exit();
            }
        }
    }

    /// <summary>How many addresses of <paramref name="family"/> are allocated.</summary>
    /// <param name="family">The family.</param>
    /// <returns>The count.</returns>
    public long UsedOf(IPFamily family)
    {
        _gate.Enter();
        try
        {
            return Pool(family).Count;
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <summary>The ServiceCIDR object named <paramref name="name"/>, or null.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The object as stored, with its status.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public ServiceCidrObject? GetServiceCidr(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        _gate.Enter();
        try
        {
            return _objects.GetValueOrDefault(name);
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <summary>
    /// Creates a ServiceCIDR: validates it, stores it with the protection finalizer and condition
    /// <c>Ready=True</c> (message <c>Kubernetes Service CIDR is ready</c>), and starts allocating
    /// from its ranges. Its status, finalizers and deletion timestamp as given are ignored, as the
    /// API server ignores them on create. Ranges may overlap other objects' ranges.
    /// </summary>
    /// <param name="serviceCidr">The object.</param>
    /// <returns>The stored object.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="serviceCidr"/> is null.</exception>
    /// <exception cref="NetworkingValidationException">The object is invalid (upstream's errors and texts).</exception>
    /// <exception cref="ServiceCidrException">
    /// <see cref="ServiceCidrError.AlreadyExists"/>, or <see cref="ServiceCidrError.PrefixTooShort"/>
    /// for an IPv6 range larger than a /64.
    /// </exception>
    public ServiceCidrObject AddServiceCidr(ServiceCidrObject serviceCidr)
    {
        ArgumentNullException.ThrowIfNull(serviceCidr);
        var cidrs = ParseValid(serviceCidr, NetworkingValidator.ValidateServiceCidr(serviceCidr));
        _gate.Enter();
        try
        {
            if (_objects.ContainsKey(serviceCidr.Name))
            {
                throw new ServiceCidrException(ServiceCidrError.AlreadyExists, $"{ServiceCidrResource} {GoText.Quote(serviceCidr.Name)} already exists");
            }

            var stored = serviceCidr with
            {
                Finalizers = [ServiceCidrObject.ProtectionFinalizer],
                Conditions = [Condition(ServiceCidrCondition.True, "", ReadyMessage)],
                DeletionTimestamp = null,
            };
            _objects[stored.Name] = stored;
            Attach(stored.Name, cidrs);
            RefreshReadiness();
            Reconcile();
            return stored;
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <summary>
    /// Updates a ServiceCIDR's ranges. Upstream allows one change only: a single-stack object gains
    /// a second range of the other family (how the default <c>kubernetes</c> object follows a
    /// cluster moving to dual-stack). Status, finalizers and deletion timestamp stay the allocator's.
    /// </summary>
    /// <param name="updated">The object with its new <c>spec.cidrs</c>.</param>
    /// <returns>The stored object.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="updated"/> is null.</exception>
    /// <exception cref="NetworkingValidationException">The update is invalid, e.g. <c>spec.cidrs[0]: Invalid value: "10.0.0.0/16": field is immutable</c>.</exception>
    /// <exception cref="ServiceCidrException"><see cref="ServiceCidrError.NotFound"/> or <see cref="ServiceCidrError.PrefixTooShort"/>.</exception>
    public ServiceCidrObject UpdateServiceCidr(ServiceCidrObject updated)
    {
        ArgumentNullException.ThrowIfNull(updated);
        _gate.Enter();
        try
        {
            var old = Find(updated.Name);
            var cidrs = ParseValid(updated, NetworkingValidator.ValidateServiceCidrUpdate(updated, old));
            var stored = old with { Cidrs = updated.Cidrs };
            _objects[stored.Name] = stored;
            Attach(stored.Name, cidrs[old.Cidrs.Length..]);
            RefreshReadiness();
            Reconcile();
            return stored;
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <summary>
    /// Deletes a ServiceCIDR. Its ranges stop taking new addresses at once. When every allocated
    /// address it covers is also covered by another ServiceCIDR (in any state), it is removed now;
    /// otherwise it stays, held by its finalizer, with condition <c>Ready=False</c>, reason
    /// <c>Terminating</c> and message <c>There are still IPAddresses referencing the ServiceCIDR,
    /// please remove them or create a new ServiceCIDR</c>, and is removed by the release (or the
    /// added ServiceCIDR) that leaves no address it alone covers. Deleting an object already being
    /// deleted changes nothing.
    /// </summary>
    /// <param name="name">The name.</param>
    /// <returns>True when the object is gone; false when it waits for its addresses to be released.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ServiceCidrException"><see cref="ServiceCidrError.NotFound"/>.</exception>
    public bool DeleteServiceCidr(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        _gate.Enter();
        try
        {
            var current = Find(name);
            if (current.DeletionTimestamp is null)
            {
                _objects[name] = current with { DeletionTimestamp = _time.GetUtcNow() };
                _blocking[name] = 0;
                RefreshReadiness();
                Reconcile();
            }

            return !_objects.ContainsKey(name);
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <summary>Allocates a specific address (a Service's requested ClusterIP).</summary>
    /// <param name="ip">The address.</param>
    /// <param name="parent">The owner recorded in the address's IPAddress object; null records none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="ip"/> is null.</exception>
    /// <exception cref="AllocationException">
    /// <see cref="AllocationError.NotInRange"/> when no ready ServiceCIDR hands out the address
    /// (upstream: <c>the provided network does not match the current range</c>; network addresses
    /// and IPv4 broadcasts of a range are not handed out by it), or
    /// <see cref="AllocationError.AlreadyAllocated"/> (<c>provided IP is already allocated</c>).
    /// </exception>
    public void Allocate(IPAddress ip, ParentReference? parent = null)
    {
        if (!TryAllocate(ip, out var error, parent))
        {
            throw new AllocationException(error, error == AllocationError.NotInRange
                ? "the provided network does not match the current range"
                : "provided IP is already allocated");
        }
    }

    /// <summary>Allocates a specific address; returns false (never throws for these) when no ready range hands it out or it is taken.</summary>
    /// <param name="ip">The address.</param>
    /// <param name="error">Why it failed; meaningless when the method returns true.</param>
    /// <param name="parent">The owner recorded in the address's IPAddress object; null records none.</param>
    /// <returns>True when the address was allocated.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ip"/> is null.</exception>
    public bool TryAllocate(IPAddress ip, out AllocationError error, ParentReference? parent = null)
    {
        ArgumentNullException.ThrowIfNull(ip);
        error = AllocationError.NotInRange;
        if (!ServiceCidr.TryToInteger(ip, out var value, out var isIPv6))
        {
            return false;
        }

        var pool = isIPv6 ? _ipv6 : _ipv4;
        _gate.Enter();
        try
        {
            return pool.TryAddRequested(value, parent, out error);
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <summary>Allocates a free address of <paramref name="family"/> from the ready ServiceCIDRs.</summary>
    /// <param name="family">The family.</param>
    /// <param name="parent">The owner recorded in the address's IPAddress object; null records none.</param>
    /// <returns>The address.</returns>
    /// <exception cref="AllocationException"><see cref="AllocationError.Full"/> (<c>range is full</c>), also when no ready range of the family exists.</exception>
    public IPAddress AllocateNext(IPFamily family, ParentReference? parent = null)
        => TryAllocateNext(family, out var ip, parent) ? ip : throw new AllocationException(AllocationError.Full, "range is full");

    /// <summary>Allocates a free address of <paramref name="family"/>; false when every ready range is full.</summary>
    /// <param name="family">The family.</param>
    /// <param name="ip">The address, or null.</param>
    /// <param name="parent">The owner recorded in the address's IPAddress object; null records none.</param>
    /// <returns>True when an address was allocated.</returns>
    public bool TryAllocateNext(IPFamily family, [NotNullWhen(true)] out IPAddress? ip, ParentReference? parent = null)
    {
        var allocated = TryAllocateNextCore(Pool(family), out var value, parent);
        ip = allocated ? ToAddress(value, family) : null;
        return allocated;
    }

    /// <summary>
    /// Allocates like <see cref="TryAllocateNext"/> and returns the address as an integer, without
    /// allocating memory: the big-endian value of the address (IPv4 in the low 32 bits).
    /// </summary>
    /// <param name="family">The family.</param>
    /// <param name="address">The address value, or 0 when nothing was allocated.</param>
    /// <returns>True when an address was allocated.</returns>
    public bool TryAllocateNextValue(IPFamily family, out UInt128 address) => TryAllocateNextCore(Pool(family), out address, null);

    /// <summary>Releases an address given as an integer (see <see cref="TryAllocateNextValue"/>); a harmless false when it is not allocated.</summary>
    /// <param name="family">The family of the address.</param>
    /// <param name="address">The address value.</param>
    /// <returns>True when it was allocated.</returns>
    public bool ReleaseValue(IPFamily family, UInt128 address)
    {
        var pool = Pool(family);
        _gate.Enter();
        try
        {
            return ReleaseCore(pool, address);
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <summary>
    /// Releases an address, whichever range it came from and whatever state that range is in
    /// (also an address no range covers any more). Releasing an address that is not allocated is a
    /// harmless false. May complete the deletion of a terminating ServiceCIDR.
    /// </summary>
    /// <param name="ip">The address.</param>
    /// <returns>True when it was allocated.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ip"/> is null.</exception>
    public bool Release(IPAddress ip)
    {
        ArgumentNullException.ThrowIfNull(ip);
        if (!ServiceCidr.TryToInteger(ip, out var value, out var isIPv6))
        {
            return false;
        }

        var pool = isIPv6 ? _ipv6 : _ipv4;
        _gate.Enter();
        try
        {
            return ReleaseCore(pool, value);
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <summary>Whether <paramref name="ip"/> is allocated.</summary>
    /// <param name="ip">The address.</param>
    /// <returns>True when it is allocated.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ip"/> is null.</exception>
    public bool IsAllocated(IPAddress ip)
    {
        ArgumentNullException.ThrowIfNull(ip);
        if (!ServiceCidr.TryToInteger(ip, out var value, out var isIPv6))
        {
            return false;
        }

        _gate.Enter();
        try
        {
            return (isIPv6 ? _ipv6 : _ipv4).Contains(value);
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <summary>The IPAddress objects of the allocated addresses, by name (ordinal), as upstream lists them.</summary>
    /// <returns>The objects.</returns>
    public ImmutableArray<IPAddressObject> ListIPAddresses()
    {
        _gate.Enter();
        try
        {
            return ListIPAddressesCore();
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <summary>The state as upstream stores it: ServiceCIDR objects and IPAddress objects, each by name.</summary>
    /// <returns>The snapshot.</returns>
    public ServiceCidrAllocatorState Snapshot()
    {
        _gate.Enter();
        try
        {
            return new ServiceCidrAllocatorState { ServiceCidrs = [.. _objects.Values], IPAddresses = ListIPAddressesCore() };
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <summary>
    /// Rebuilds an allocator from a snapshot: the ServiceCIDR objects as stored (status, finalizers
    /// and deletion timestamps kept), then the addresses, also those no range covers (upstream keeps
    /// such IPAddress objects too). A terminating object that no longer blocks is removed.
    /// </summary>
    /// <param name="state">The snapshot.</param>
    /// <param name="random">As for the constructor.</param>
    /// <param name="timeProvider">As for the constructor.</param>
    /// <returns>The allocator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    /// <exception cref="NetworkingValidationException">A ServiceCIDR object is invalid.</exception>
    /// <exception cref="ServiceCidrException">Two objects share a name, or an IPv6 range is larger than a /64.</exception>
    /// <exception cref="AllocationException">
    /// <see cref="AllocationError.CorruptSnapshot"/>: an IPAddress name is not an IP address in
    /// canonical form, or two IPAddress objects share a name.
    /// </exception>
    public static ServiceCidrAllocator Restore(ServiceCidrAllocatorState state, Random? random = null, TimeProvider? timeProvider = null)
        => Restore(state, random, timeProvider, DefaultStoreLimit);

    internal static ServiceCidrAllocator Restore(ServiceCidrAllocatorState state, Random? random, TimeProvider? timeProvider, ulong storeLimit)
    {
        ArgumentNullException.ThrowIfNull(state);
        var allocator = new ServiceCidrAllocator(random, timeProvider, storeLimit);
        foreach (var serviceCidr in state.ServiceCidrs)
        {
            var cidrs = ParseValid(serviceCidr, NetworkingValidator.ValidateServiceCidr(serviceCidr));
            if (!allocator._objects.TryAdd(serviceCidr.Name, serviceCidr))
            {
                throw new ServiceCidrException(ServiceCidrError.AlreadyExists, $"{ServiceCidrResource} {GoText.Quote(serviceCidr.Name)} already exists");
            }

            allocator.Attach(serviceCidr.Name, cidrs);
            if (serviceCidr.DeletionTimestamp is not null)
            {
                allocator._blocking[serviceCidr.Name] = 0;
            }
        }

        foreach (var ipAddress in state.IPAddresses)
        {
            if (NetworkingValidator.IPProblem(ipAddress.Name) is { } problem)
            {
                throw new AllocationException(AllocationError.CorruptSnapshot, $"IPAddress {GoText.Quote(ipAddress.Name)}: metadata.name: {problem}");
            }

            ServiceCidr.TryToInteger(IPAddress.Parse(ipAddress.Name), out var value, out var isIPv6);
            if (!(isIPv6 ? allocator._ipv6 : allocator._ipv4).Add(value, ipAddress.ParentRef))
            {
                throw new AllocationException(AllocationError.CorruptSnapshot, $"IPAddress {GoText.Quote(ipAddress.Name)} is listed twice");
            }
        }

        allocator.RefreshReadiness();
        allocator.Reconcile();
        return allocator;
    }

    private bool TryAllocateNextCore(FamilyAddresses pool, out UInt128 address, ParentReference? parent)
    {
        _gate.Enter();
        try
        {
            var ranges = pool.Ranges;
            var count = ranges.Count;
            var index = count > 1 ? _random.NextBelow(count) : 0;
            for (var i = 0; i < count; i++)
            {
                var range = ranges[index];
                if (range.Ready && range.TryAllocate(_random, pool, parent, out address))
                {
                    return true;
                }

                index = index + 1 == count ? 0 : index + 1;
            }
        }
        finally
        {
            _gate.Exit();
        }

        address = UInt128.Zero;
        return false;
    }

    private bool ReleaseCore(FamilyAddresses pool, UInt128 address)
    {
        if (!pool.Remove(address))
        {
            return false;
        }

        if (_blocking.Count != 0 && SoleOwner(pool, address) is { } owner
            && _blocking.TryGetValue(owner, out var blocked) && (_blocking[owner] = blocked - 1) == 0)
        {
            Reconcile();
        }

        return true;
    }

    private ImmutableArray<IPAddressObject> ListIPAddressesCore()
    {
        var result = new List<IPAddressObject>((int)(_ipv4.Count + _ipv6.Count));
        var values = new List<UInt128>();
        foreach (var pool in (ReadOnlySpan<FamilyAddresses>)[_ipv4, _ipv6])
        {
            values.Clear();
            pool.CopyTo(values);
            var labels = ImmutableDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
            {
                [IPAddressObject.FamilyLabel] = pool.Family.ToString(),
                [IPAddressObject.ManagedByLabel] = IPAddressObject.AllocatorManager,
            });
            foreach (var value in values)
            {
                result.Add(new IPAddressObject
                {
                    Name = IPText.Format(ToAddress(value, pool.Family)),
                    Labels = labels,
                    ParentRef = pool.Parents.GetValueOrDefault(value),
                });
            }
        }

        result.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return [.. result];
    }

    // Validation, then the parse (which cannot fail for a valid object) and the /64 limit.
    private static ServiceCidr[] ParseValid(ServiceCidrObject serviceCidr, ImmutableArray<ValidationError> errors)
    {
        if (!errors.IsEmpty)
        {
            throw new NetworkingValidationException("ServiceCIDR", serviceCidr.Name, errors);
        }

        var cidrs = serviceCidr.Cidrs.Select(ServiceCidr.Parse).ToArray();
        foreach (var cidr in cidrs)
        {
            if (cidr.Family == IPFamily.IPv6 && cidr.PrefixLength < 64)
            {
                throw new ServiceCidrException(ServiceCidrError.PrefixTooShort, $"shortest allowed prefix length for service CIDR is 64, got {cidr.PrefixLength}");
            }
        }

        return cidrs;
    }

    private ServiceCidrObject Find(string name)
        => _objects.GetValueOrDefault(name)
           ?? throw new ServiceCidrException(ServiceCidrError.NotFound, $"{ServiceCidrResource} {GoText.Quote(name)} not found");

    private FamilyAddresses Pool(IPFamily family) => family switch
    {
        IPFamily.IPv4 => _ipv4,
        IPFamily.IPv6 => _ipv6,
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, "must be IPv4 or IPv6"),
    };

    private void Attach(string name, IEnumerable<ServiceCidr> cidrs)
    {
        foreach (var cidr in cidrs)
        {
            if (!_ranges.TryGetValue(cidr, out var range))
            {
                var pool = Pool(cidr.Family);
                range = new CidrRange(cidr, pool.StoreLimit);
                pool.Attach(range);
                _ranges[cidr] = range;
            }

            range.Owners.Add(name);
        }
    }

    private void Detach(string name)
    {
        var removed = _objects[name];
        _objects.Remove(name);
        _blocking.Remove(name);
        foreach (var text in removed.Cidrs)
        {
            var range = _ranges[ServiceCidr.Parse(text)];
            range.Owners.Remove(name);
            if (range.Owners.Count == 0)
            {
                _ranges.Remove(range.Cidr);
                Pool(range.Cidr.Family).Detach(range);
            }
        }
    }

    // A range takes new addresses while at least one of the objects naming it is ready.
    private void RefreshReadiness()
    {
        foreach (var range in _ranges.Values)
        {
            var ready = false;
            foreach (var owner in range.Owners)
            {
                ready |= _objects[owner].IsReady;
            }

            range.Ready = ready;
        }
    }

    // The servicecidrs controller's deletion check for every terminating object: count the
    // allocated addresses it alone covers, remove the objects that cover none (which can make
    // others sole owners, hence the loop), and mark the rest Ready=False/Terminating.
    private void Reconcile()
    {
        while (_blocking.Count != 0)
        {
            foreach (var name in _blocking.Keys)
            {
                _blocking[name] = 0;
            }

            var values = new List<UInt128>();
            foreach (var pool in (ReadOnlySpan<FamilyAddresses>)[_ipv4, _ipv6])
            {
                values.Clear();
                pool.CopyTo(values);
                foreach (var value in values)
                {
                    if (SoleOwner(pool, value) is { } owner && _blocking.TryGetValue(owner, out var count))
                    {
                        _blocking[owner] = count + 1;
                    }
                }
            }

            var free = _blocking.Where(entry => entry.Value == 0).Select(entry => entry.Key).ToList();
            if (free.Count == 0)
            {
                break;
            }

            free.ForEach(Detach);
        }

        foreach (var name in _blocking.Keys)
        {
            var current = _objects[name];
            if (!current.Conditions.Any(c => c.Type == ServiceCidrCondition.Ready && c.Reason == ServiceCidrCondition.ReasonTerminating))
            {
                _objects[name] = current with
                {
                    Conditions = [.. current.Conditions.Where(c => c.Type != ServiceCidrCondition.Ready),
                        Condition(ServiceCidrCondition.False, ServiceCidrCondition.ReasonTerminating, TerminatingMessage)],
                };
            }
        }
    }

    // The one ServiceCIDR object (any state) whose ranges hand out the address, or null when none or several do.
    private static string? SoleOwner(FamilyAddresses pool, UInt128 address)
    {
        string? owner = null;
        var owners = 0;
        foreach (var range in pool.Ranges)
        {
            if (range.Contains(address))
            {
                owners += range.Owners.Count;
                owner = range.Owners.Min;
            }
        }

        return owners == 1 ? owner : null;
    }

    private ServiceCidrCondition Condition(string status, string reason, string message)
        => new()
        {
            Type = ServiceCidrCondition.Ready,
            Status = status,
            Reason = reason,
            Message = message,
            LastTransitionTime = _time.GetUtcNow(),
        };

    private static IPAddress ToAddress(UInt128 value, IPFamily family) => IPText.ToAddress(value, family == IPFamily.IPv6);
}
