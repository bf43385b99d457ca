/// A binary min-heap of the items `0..<capacity` keyed by a value, whose keys can be changed
/// in place: what Visvalingam–Whyatt needs to re-rank a removed vertex's neighbours.
struct IndexedMinHeap {
    private var keys: [Double]
    private var heap: [Int32] = []
    private var slot: [Int32]

    init(capacity: Int) {
        keys = [Double](repeating: 0, count: capacity)
        slot = [Int32](repeating: -1, count: capacity)
        heap.reserveCapacity(capacity)
    }

    /// Empties the heap for the items `0..<capacity`, keeping its memory.
    mutating func reset(capacity: Int) {
        keys.removeAll(keepingCapacity: true)
        keys.append(contentsOf: repeatElement(0, count: capacity))
        slot.removeAll(keepingCapacity: true)
        slot.append(contentsOf: repeatElement(-1, count: capacity))
        heap.removeAll(keepingCapacity: true)
    }

    var isEmpty: Bool { heap.isEmpty }

    mutating func insert(_ item: Int, key: Double) {
        keys[item] = key
        heap.append(Int32(item))
        slot[item] = Int32(heap.count - 1)
        up(heap.count - 1)
    }

    /// Removes and returns the item with the smallest key, and that key.
    mutating func popMin() -> (item: Int, key: Double) {
        let top = Int(heap[0])
        let last = heap.removeLast()
        slot[top] = -1
        if !heap.isEmpty {
            heap[0] = last
            slot[Int(last)] = 0
            down(0)
        }
        return (top, keys[top])
    }

    mutating func update(_ item: Int, key: Double) {
        let position = Int(slot[item])
        let old = keys[item]
        keys[item] = key
        if key < old { up(position) } else { down(position) }
    }

    private mutating func up(_ start: Int) {
        var i = start
        while i > 0 {
            let parent = (i - 1) / 2
            guard keys[Int(heap[i])] < keys[Int(heap[parent])] else { break }
            swapAt(i, parent)
            i = parent
        }
    }

    private mutating func down(_ start: Int) {
        var i = start
        while true {
            let left = 2 * i + 1, right = left + 1
            var smallest = i
            if left < heap.count, keys[Int(heap[left])] < keys[Int(heap[smallest])] { smallest = left }
            if right < heap.count, keys[Int(heap[right])] < keys[Int(heap[smallest])] { smallest = right }
            guard smallest != i else { break }
            swapAt(i, smallest)
            i = smallest
        }
    }

    private mutating func swapAt(_ i: Int, _ j: Int) {
        heap.swapAt(i, j)
        slot[Int(heap[i])] = Int32(i)
        slot[Int(heap[j])] = Int32(j)
    }
}
